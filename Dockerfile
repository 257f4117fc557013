# The service only; Neo4j runs as its own container (docker-compose.yml) and is reached through NEO4J_URI.
# Build stage: the explorer and GraphiQL bundles need esbuild and the front-end packages (dev dependencies).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build:web

FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY bin ./bin
COPY src ./src
COPY schema ./schema
COPY cypher ./cypher
COPY seed ./seed
COPY web ./web
COPY --from=build /app/dist/web ./dist/web
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000
EXPOSE 4000
CMD ["node", "bin/ipkg.js", "serve"]
