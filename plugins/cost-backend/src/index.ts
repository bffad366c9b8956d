/**
 * The cost backend plugin: GET /services/:service, /entity/:namespace/:kind/:name,
 * /systems/:system and /prices, POST /diff.
 *
 * @packageDocumentation
 */

export { costPlugin as default } from './plugin';
