/** Workflow ids are business keys, so a second start for the same business object is refused by Temporal. */
export const productWorkflowId = (productId: string): string => `product-${productId}`;
export const roundWorkflowId = (roundId: string): string => `round-${roundId}`;
export const cycleWorkflowId = (unitCode: string, year: number): string => `cycle-${unitCode}-${year}`;
