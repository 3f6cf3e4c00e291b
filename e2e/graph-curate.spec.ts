import { describeCurationFlows } from './graph-curate-flows.ts';

// The curation flows on the embedded store (the graph file in the app's data directory).
describeCurationFlows('embedded');
