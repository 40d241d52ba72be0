import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Typed search attributes that make the Temporal UI the operators' console. No personal data here.
 * infra/temporal/search-attributes.txt registers the same list on the dev server; keep them equal
 * (a unit test checks it).
 */
export const SearchAttributes = {
  province: defineSearchAttributeKey('OcopProvince', SearchAttributeType.KEYWORD),
  commune: defineSearchAttributeKey('OcopCommune', SearchAttributeType.KEYWORD),
  productGroup: defineSearchAttributeKey('OcopProductGroup', SearchAttributeType.KEYWORD),
  stage: defineSearchAttributeKey('OcopStage', SearchAttributeType.KEYWORD),
  stars: defineSearchAttributeKey('OcopStars', SearchAttributeType.INT),
  certificateExpiry: defineSearchAttributeKey('OcopCertificateExpiry', SearchAttributeType.DATETIME),
  cycleYear: defineSearchAttributeKey('OcopCycleYear', SearchAttributeType.INT),
  regulationVersion: defineSearchAttributeKey('OcopRegulationVersion', SearchAttributeType.KEYWORD),
} as const;

export const ALL_SEARCH_ATTRIBUTES = Object.values(SearchAttributes);
