/** The OTLP endpoint (Honeycomb) listening but misbehaving while the API is under load: hanging, answering 500, throttling. */
import { describeFaultUnderLoad } from './fault-case.js';

describeFaultUnderLoad({
  name: 'the OTLP endpoint hangs',
  begin: (t) => t.otlp.fail('hang'),
  end: (t) => t.otlp.heal(),
  failed: (t) => t.otlp.failedRequests(),
});
describeFaultUnderLoad({
  name: 'the OTLP endpoint answers 500',
  begin: (t) => t.otlp.fail('error'),
  end: (t) => t.otlp.heal(),
  failed: (t) => t.otlp.failedRequests(),
});
describeFaultUnderLoad({
  name: 'the OTLP endpoint throttles (429, Retry-After: 1)',
  begin: (t) => t.otlp.fail('throttle'),
  end: (t) => t.otlp.heal(),
  failed: (t) => t.otlp.failedRequests(),
});
