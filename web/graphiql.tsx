import { GraphiQL } from 'graphiql';
import 'graphiql/graphiql.css';
import { createRoot } from 'react-dom/client';

/** GraphiQL against this service's /graphql, from a local bundle so it works offline. */
type Params = { query: string; variables?: Record<string, unknown> | null; operationName?: string | null };

const fetcher = async (params: Params) => {
  const res = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(params) });
  return res.json();
};

const DEFAULT_QUERY = `# Try: how are two models related, and what do they share?
{
  connections(fromId: "dialectical-behavior-therapy", toId: "psychoanalysis", maxHops: 4, first: 3) { text }
  modelOverlap(a: "cognitive-behavioral-therapy", b: "psychodynamic-therapy") {
    jaccard
    dimensions { dimension jaccard shared { name } }
    disagreements { tenetOfA { name } tenetOfB { name } reason }
  }
}
`;

createRoot(document.getElementById('graphiql')!).render(<GraphiQL fetcher={fetcher} defaultQuery={DEFAULT_QUERY} />);
