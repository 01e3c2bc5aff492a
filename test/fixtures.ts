// Test data shared by the integration and browser tests; it imports nothing.

/** The least content with which the built-in annual review can be submitted. */
export const COMPLETE_ANNUAL_REVIEW = {
  reviewSummary: '全年达成主要指标',
  kpis: [{ indicator: '产量', target: '100', actual: '100', weight: 100, score: 90 }],
  overallRating: 3,
  goals: [
    {
      specific: '提升',
      measurable: '10%',
      achievable: '是',
      relevant: '是',
      deadline: '2027-03-01',
    },
  ],
};
