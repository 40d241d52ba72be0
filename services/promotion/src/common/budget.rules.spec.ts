import { REWARD_TRANSITIONS } from '../reward/reward.service';
import { SUPPORT_TRANSITIONS } from '../support/support.service';
import { canMove, checkBudget } from './budget.rules';

describe('budgets that approvals draw on', () => {
  it('approves within what remains and reports what is left', () => {
    expect(checkBudget(100_000_000, 60_000_000, 20_000_000)).toEqual({ ok: true, remainingVnd: 20_000_000 });
    expect(checkBudget(100_000_000, 80_000_000, 20_000_000)).toEqual({ ok: true, remainingVnd: 0 });
  });

  it('refuses beyond the remaining budget, and without a budget', () => {
    expect(checkBudget(100_000_000, 90_000_000, 20_000_000)).toEqual({
      ok: false,
      reason: 'exceeded',
      remainingVnd: 10_000_000,
    });
    expect(checkBudget(50_000_000, 60_000_000, 1)).toEqual({ ok: false, reason: 'exceeded', remainingVnd: 0 });
    expect(checkBudget(null, 0, 10_000_000)).toEqual({ ok: false, reason: 'no_budget' });
  });

  it('moves rewards pending → approved → paid, or to rejected with a reason; nothing after paid', () => {
    expect(canMove(REWARD_TRANSITIONS, 'pending', 'approved')).toBe(true);
    expect(canMove(REWARD_TRANSITIONS, 'approved', 'paid')).toBe(true);
    expect(canMove(REWARD_TRANSITIONS, 'pending', 'paid')).toBe(false);
    expect(canMove(REWARD_TRANSITIONS, 'approved', 'rejected')).toBe(true);
    expect(canMove(REWARD_TRANSITIONS, 'paid', 'rejected')).toBe(false);
    expect(canMove(REWARD_TRANSITIONS, 'rejected', 'approved')).toBe(false);
  });

  it('moves support requested → approved → delivered, or to rejected', () => {
    expect(canMove(SUPPORT_TRANSITIONS, 'requested', 'approved')).toBe(true);
    expect(canMove(SUPPORT_TRANSITIONS, 'requested', 'delivered')).toBe(false);
    expect(canMove(SUPPORT_TRANSITIONS, 'approved', 'delivered')).toBe(true);
    expect(canMove(SUPPORT_TRANSITIONS, 'delivered', 'rejected')).toBe(false);
  });
});
