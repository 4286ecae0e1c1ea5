/**
 * Addressees as posts: the resolution lives beside the derived analytics tables that store it
 * (src/store/analytics-posts.ts), so a view and the tables built at ingest cannot disagree.
 */
export {
  type Addressee,
  type AddresseeKind,
  addresseeOf,
  routeAddress,
  senderOf,
} from "../store/analytics-posts.js";
