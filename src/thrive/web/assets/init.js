// Starts GOV.UK Frontend's components. Loaded as a module: no inline scripts (strict CSP).
import { initAll } from "./govuk/govuk-frontend.min.js";

initAll();
