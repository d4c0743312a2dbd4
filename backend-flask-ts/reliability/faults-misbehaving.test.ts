/** The OTLP endpoint (Honeycomb) down, hanging, failing and throttling while the API is under load. */
import { describeFaultUnderLoad } from './fault-case.js';

describeFaultUnderLoad({ name: 'the OTLP endpoint is down', begin: (t) => t.otlp.stop(), end: (t) => t.otlp.restart() });
describeFaultUnderLoad({ name: 'the OTLP endpoint hangs', begin: (t) => t.otlp.fail('hang'), end: (t) => t.otlp.heal(), failed: (t) => t.otlp.failedRequests() });
describeFaultUnderLoad({ name: 'the OTLP endpoint answers 500', begin: (t) => t.otlp.fail('error'), end: (t) => t.otlp.heal(), failed: (t) => t.otlp.failedRequests() });
describeFaultUnderLoad({ name: 'the OTLP endpoint throttles (429, Retry-After: 1)', begin: (t) => t.otlp.fail('throttle'), end: (t) => t.otlp.heal(), failed: (t) => t.otlp.failedRequests() });
