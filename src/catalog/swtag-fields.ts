// The SW-Tag fields are a record's too (RegisteredImage): they live with the records, below every feature.
export { SWTAG_IDENTITY, type SwTagFields, type SwTagIdentity } from '../records/swtag-fields.js';
