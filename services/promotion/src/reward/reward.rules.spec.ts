import { readRewardPolicies } from './reward-policy.data';
import { policyCovers, previousStarsOf, rewardFor } from './reward.rules';

const thanhHoa = readRewardPolicies().find((policy) => policy.code === 'thanh-hoa-2021')!;

describe('reward policy (Thanh Hóa 2021: 10, 20 and 100 million VND for 3, 4 and 5★)', () => {
  it.each([
    [3, 10_000_000],
    [4, 20_000_000],
    [5, 100_000_000],
  ])('a first %i★ certificate earns %i VND', (stars, amount) => {
    expect(rewardFor(thanhHoa, stars, '2021-06-20', null)).toEqual({ amountVnd: amount, reason: 'new_certificate' });
  });

  it('never rewards a re-evaluation at the same stars, nor lower stars', () => {
    expect(rewardFor(thanhHoa, 4, '2021-10-01', 4)).toEqual({ amountVnd: 0, reason: 're_evaluation_same_stars' });
    expect(rewardFor(thanhHoa, 3, '2021-10-01', 4)).toEqual({ amountVnd: 0, reason: 'lower_stars' });
  });

  it('pays an upgrade by the configured rule', () => {
    expect(rewardFor(thanhHoa, 4, '2021-10-01', 3)).toEqual({ amountVnd: 10_000_000, reason: 'upgrade' });
    expect(rewardFor({ ...thanhHoa, upgradeRule: 'full' }, 5, '2021-10-01', 4)).toEqual({
      amountVnd: 100_000_000,
      reason: 'upgrade',
    });
    expect(rewardFor({ ...thanhHoa, upgradeRule: 'none' }, 5, '2021-10-01', 4)).toEqual({
      amountVnd: 0,
      reason: 'upgrade',
    });
  });

  it('pays nothing outside the policy’s period or for stars it does not reward', () => {
    expect(rewardFor(thanhHoa, 5, '2022-01-01', null)).toEqual({ amountVnd: 0, reason: 'outside_policy_period' });
    expect(rewardFor(thanhHoa, 2, '2021-06-20', null)).toEqual({ amountVnd: 0, reason: 'no_amount_for_stars' });
  });
});

describe('which policy covers a certificate, and the stars it is compared with', () => {
  const issued = { provinceCode: '38', issuedOn: '2021-06-20', level: 'province' };

  it('covers certificates of its province issued within its period', () => {
    expect(policyCovers(thanhHoa, issued)).toBe(true);
    expect(policyCovers(thanhHoa, { ...issued, provinceCode: '24' })).toBe(false);
    expect(policyCovers(thanhHoa, { ...issued, issuedOn: '2022-01-01' })).toBe(false);
    expect(policyCovers({ ...thanhHoa, unitCode: 'VN' }, { ...issued, provinceCode: '24' })).toBe(true);
  });

  it('narrows to the certifying levels a policy names', () => {
    const provincial = { ...thanhHoa, certifyingLevels: ['province', 'national'] };
    expect(policyCovers(provincial, issued)).toBe(true);
    expect(policyCovers(provincial, { ...issued, level: 'district' })).toBe(false);
  });

  it('compares with the most stars held before: an earlier certificate or a reward granted', () => {
    expect(previousStarsOf([], [])).toBeNull();
    expect(previousStarsOf([3], [])).toBe(3);
    expect(previousStarsOf([3, 4], [3])).toBe(4);
    // A product that lapsed and comes back at the same stars is a re-evaluation: nothing again.
    expect(rewardFor(thanhHoa, 3, '2021-11-01', previousStarsOf([3], [3]))).toEqual({
      amountVnd: 0,
      reason: 're_evaluation_same_stars',
    });
    // 3★ then 5★ (difference rule): 100 − 10 million.
    expect(rewardFor(thanhHoa, 5, '2021-11-01', previousStarsOf([3], [3]))).toEqual({
      amountVnd: 90_000_000,
      reason: 'upgrade',
    });
  });
});
