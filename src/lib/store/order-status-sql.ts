import { OPEN_ORDER_STATUSES } from '../order-types.js';

/** The open statuses as an SQL list, for `status IN (…)`. */
export const OPEN_LIST = OPEN_ORDER_STATUSES.map((s) => `'${s}'`).join(', ');
