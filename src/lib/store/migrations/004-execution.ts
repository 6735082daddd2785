/**
 * Migration 4: orders, fills, positions (execution). Shipped empty; the execution schema is migration 6.
 * Kept so user_version numbers never shift.
 */
export default ``;
