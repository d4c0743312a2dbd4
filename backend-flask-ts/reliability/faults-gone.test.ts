/** A destination gone while the API is under load: the X-Ray daemon's port closed, the OTLP endpoint down, Rollbar down. */
import { describeFaultUnderLoad } from './fault-case.js';

describeFaultUnderLoad({
  name: "the X-Ray daemon's port is closed",
  begin: (t) => t.xray.stop(),
  end: (t) => t.xray.restart(),
});
describeFaultUnderLoad({
  name: 'the OTLP endpoint is down',
  begin: (t) => t.otlp.stop(),
  end: (t) => t.otlp.restart(),
});
describeFaultUnderLoad({ name: 'Rollbar is down', begin: (t) => t.rollbar.stop(), end: (t) => t.rollbar.restart() });
