/**
 * The cdk8s app of the examples: `npm run synth` writes one dist/<chart>.k8s.yaml per chart.
 */
import { App } from 'cdk8s';
import { ADOPTION_CHARTS } from './adoption';
import { EXAMPLE_CHARTS } from './charts';

const app = new App();
for (const ExampleChart of [...EXAMPLE_CHARTS, ...ADOPTION_CHARTS]) new ExampleChart(app);
app.synth();
