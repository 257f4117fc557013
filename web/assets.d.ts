// esbuild bundles imported CSS into a sibling .css file; for the type checker it is a module with no exports.
declare module '*.css';
