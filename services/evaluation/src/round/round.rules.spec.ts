import { aggregateTotals, canMoveRound, membersToRescore, phaseAllows, productStarCap } from './round.rules';

describe('round rules', () => {
  it('moves phases forward only, except deliberation back to scoring', () => {
    expect(canMoveRound('draft', 'open')).toBe(true);
    expect(canMoveRound('open', 'scoring')).toBe(true);
    expect(canMoveRound('deliberation', 'scoring')).toBe(true);
    expect(canMoveRound('deliberation', 'decided')).toBe(true);
    expect(canMoveRound('scoring', 'decided')).toBe(false);
    expect(canMoveRound('closed', 'draft')).toBe(false);
    expect(canMoveRound('decided', 'deliberation')).toBe(false);
  });

  it('lets each phase do its own work', () => {
    expect(phaseAllows('open', 'enterProducts')).toBe(true);
    expect(phaseAllows('scoring', 'enterProducts')).toBe(false);
    expect(phaseAllows('scoring', 'score')).toBe(true);
    expect(phaseAllows('open', 'score')).toBe(false);
    expect(phaseAllows('decided', 'score')).toBe(false);
    expect(phaseAllows('deliberation', 'decide')).toBe(true);
    expect(phaseAllows('scoring', 'decide')).toBe(false);
  });

  it('aggregates by mean (default) or median, at 2 decimals', () => {
    expect(aggregateTotals([70, 71, 72], 'mean')).toBe(71);
    expect(aggregateTotals([69, 70, 70], 'mean')).toBe(69.67);
    expect(aggregateTotals([69.99, 70, 70.005], 'mean')).toBe(70);
    expect(aggregateTotals([60, 90, 70], 'median')).toBe(70);
    expect(aggregateTotals([60, 90, 70, 72], 'median')).toBe(71);
    expect(() => aggregateTotals([], 'mean')).toThrow(RangeError);
  });

  it('names the members whose totals differ by more than the threshold', () => {
    const totals = [
      { memberId: 'a', total: 60 },
      { memberId: 'b', total: 65 },
      { memberId: 'c', total: 72 },
    ];
    expect(membersToRescore(totals, 10)).toEqual(['a', 'c']);
    expect(membersToRescore(totals, 12)).toEqual([]);
    // Exactly 10 apart is within the rule ("more than 10").
    expect(
      membersToRescore(
        [
          { memberId: 'a', total: 60 },
          { memberId: 'b', total: 70 },
        ],
        10,
      ),
    ).toEqual([]);
    expect(
      membersToRescore(
        [
          { memberId: 'a', total: 60 },
          { memberId: 'b', total: 70.5 },
        ],
        10,
      ),
    ).toEqual(['a', 'b']);
  });

  it('caps stars by requirements a majority of members found missed', () => {
    const food = { criterion: 'C2.1', requiredForStars: 3 };
    const trace = { criterion: 'C2.3', requiredForStars: 4 };
    expect(productStarCap([[], [], []])).toEqual({ starCap: 5, missed: [] });
    expect(productStarCap([[trace], [], []])).toEqual({ starCap: 5, missed: [] });
    expect(productStarCap([[trace], [trace], []])).toEqual({ starCap: 3, missed: ['C2.3'] });
    expect(productStarCap([[trace, food], [trace, food], [food]])).toEqual({ starCap: 2, missed: ['C2.1', 'C2.3'] });
    // Half of an even council is enough (the chair's side is not privileged).
    expect(productStarCap([[trace], [trace], [], []])).toEqual({ starCap: 3, missed: ['C2.3'] });
  });
});
