import {describe, expect, it} from "vitest";
import {chargeUnitFor, chargeUnitForCurve} from "@operando/lib/echem/charge-unit";

describe("chargeUnitFor", () => {
  it("puts the largest charge between 1 and 1000 of its unit", () => {
    expect(chargeUnitFor(29e-6).symbol).toBe("µAh");
    expect(chargeUnitFor(29e-6).of(29e-6)).toBeCloseTo(29, 12);
    expect(chargeUnitFor(0.5).symbol).toBe("mAh");
    expect(chargeUnitFor(0.5).of(0.25)).toBeCloseTo(250, 12);
    expect(chargeUnitFor(2.2).symbol).toBe("Ah");
    expect(chargeUnitFor(1e-3).symbol).toBe("mAh");
    expect(chargeUnitFor(999e-9).symbol).toBe("nAh");
  });

  it("goes by the size of the charge, not its sign, and falls back to µAh with nothing to go by", () => {
    expect(chargeUnitFor(-0.5).symbol).toBe("mAh");
    for (const nothing of [0, NaN, Infinity, undefined as unknown as number]) expect(chargeUnitFor(nothing).symbol).toBe("µAh");
  });

  it("keeps charges below a nAh in nAh rather than inventing a smaller unit", () => {
    expect(chargeUnitFor(1e-12).symbol).toBe("nAh");
    expect(chargeUnitFor(1e-12).of(1e-12)).toBeCloseTo(1e-3, 12);
  });
});

describe("chargeUnitForCurve", () => {
  it("goes by the curve's largest capacity, skipping points whose capacity is not a number", () => {
    expect(chargeUnitForCurve([{capacityAh: 2e-4}, {capacityAh: NaN}, {capacityAh: 5e-4}]).symbol).toBe("µAh");
    expect(chargeUnitForCurve([{capacityAh: 2e-4}, {capacityAh: 1.2e-3}]).symbol).toBe("mAh");
    expect(chargeUnitForCurve([]).symbol).toBe("µAh");
  });

  it("takes a record longer than a call takes arguments", () => {
    const points = Array.from({length: 500_000}, (_, i) => ({capacityAh: i * 1e-8}));
    expect(chargeUnitForCurve(points).symbol).toBe("mAh");
  });
});
