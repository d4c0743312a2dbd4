/** The X-Ray daemon's port closed, and Rollbar down, while the API is under load. */
import { describeFaultUnderLoad } from './fault-case.js';

describeFaultUnderLoad({ name: "the X-Ray daemon's port is closed", begin: (t) => t.xray.stop(), end: (t) => t.xray.restart() });
describeFaultUnderLoad({ name: 'Rollbar is down', begin: (t) => t.rollbar.stop(), end: (t) => t.rollbar.restart() });
