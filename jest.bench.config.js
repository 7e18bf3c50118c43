/** Benchmarks: print their figures; only correctness is asserted. `npm run bench`. */
const base = require('./jest.config');

module.exports = { ...base, testMatch: ['**/test/benchmarks/**/*.bench.ts'], testTimeout: 300000 };
