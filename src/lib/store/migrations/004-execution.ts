/** Migration 4: orders, fills, positions (execution). Filled in by the execution work. */
export default ``;
