import { CostSource, Price } from '@goldenpath/backstage-plugin-cost-common';
import { NodeGroup } from '@goldenpath/backstage-plugin-gitops-node';
import { CostSettings } from '../settings/costSettings';
import { amount, percent, unitPrice } from './format';
import { missingPrice, PriceBook } from './PriceBook';
import { SourceLinks } from './sources';

/**
 * What a vCPU and a GiB of memory requested by a pod cost per hour in one
 * environment, derived from the node groups it can run on.
 *
 * @public
 */
export interface ComputeRates {
  vcpuHourUsd: number;
  gibHourUsd: number;
  /** The derivation in words, with its arithmetic. */
  formula: string;
  prices: Price[];
  sources: CostSource[];
}

/** Rates, or why there are none. */
export type RatesResult =
  | { rates: ComputeRates }
  | { unpricedReason: string; sources: CostSource[] };

interface PricedGroup {
  group: NodeGroup;
  vcpu: number;
  memoryGib: number;
  hourUsd: number;
  weight: number;
  text: string;
  prices: Price[];
}

const REPELLING_EFFECTS = [
  'NoSchedule',
  'NO_SCHEDULE',
  'NoExecute',
  'NO_EXECUTE',
];

function repels(group: NodeGroup) {
  return group.taints.some(t => REPELLING_EFFECTS.includes(t.effect));
}

function priceGroup(
  group: NodeGroup,
  settings: CostSettings,
  book: PriceBook,
): Omit<PricedGroup, 'weight'> | { reason: string } {
  // Managed node groups launch on-demand capacity in list order.
  const type = group.instanceTypes[0];
  if (!type) {
    return { reason: `node group ${group.name} lists no instance_types` };
  }
  const shape = settings.instanceTypes[type];
  if (!shape) {
    return {
      reason: `instance type ${type} (node group ${group.name}) has no known vCPU and memory; add cost.instanceTypes.${type}: {vcpu, memoryGib}`,
    };
  }
  const shapeText = `${amount(shape.vcpu)} vCPU + ${amount(
    shape.memoryGib,
  )} GiB`;
  const spot = book.get(`ec2-spot:${type}`);
  if (group.capacityType === 'SPOT' && spot) {
    return {
      group,
      ...shape,
      hourUsd: spot.usd,
      text: `${type} spot ${unitPrice(spot.usd)}/h for ${shapeText}`,
      prices: [spot],
    };
  }
  const onDemand = book.get(`ec2:${type}`);
  if (!onDemand) return { reason: missingPrice(`ec2:${type}`, 'hour') };
  if (group.capacityType === 'SPOT') {
    const hourUsd = onDemand.usd * (1 - settings.spotDiscount);
    return {
      group,
      ...shape,
      hourUsd,
      text: `${type} spot: ${unitPrice(
        onDemand.usd,
      )}/h on-demand less ${percent(
        settings.spotDiscount,
      )} (cost.compute.spotDiscount) = ${unitPrice(
        hourUsd,
      )}/h for ${shapeText}`,
      prices: [onDemand],
    };
  }
  return {
    group,
    ...shape,
    hourUsd: onDemand.usd,
    text: `${type} on-demand ${unitPrice(onDemand.usd)}/h for ${shapeText}`,
    prices: [onDemand],
  };
}

/**
 * Derives the per-vCPU-hour and per-GiB-hour prices of an environment from
 * its node groups. Groups with a NoSchedule/NoExecute taint are left out
 * (services do not tolerate them) unless every group has one. Each group is
 * priced by its first instance type (spot: an `ec2-spot:` price, or the
 * on-demand price less the spot discount) and weighted by its desired size.
 * The price splits so that a vCPU-hour costs `vcpuToGibPriceRatio`
 * GiB-hours: per GiB-hour = Σ price / Σ (vCPU × ratio + GiB).
 */
export function computeRates(
  environment: string,
  groups: NodeGroup[],
  settings: CostSettings,
  book: PriceBook,
  links: SourceLinks,
): RatesResult {
  const sourceOf = (g: NodeGroup) =>
    links.file(
      'infrastructure',
      `node group ${g.name} (${g.instanceTypes.join(', ') || 'no type'}, ${
        g.capacityType === 'SPOT' ? 'spot' : 'on-demand'
      })`,
      g.file,
      g.line,
    );
  if (groups.length === 0) {
    return {
      unpricedReason: `no EKS node groups in the Terraform of ${environment} (a module with a literal node_groups map), so vCPU and memory have no price`,
      sources: [],
    };
  }
  const eligible = groups.some(g => !repels(g))
    ? groups.filter(g => !repels(g))
    : groups;
  const left = groups.filter(g => !eligible.includes(g));
  const sources = eligible.map(sourceOf);

  const priced: PricedGroup[] = [];
  for (const group of eligible) {
    const result = priceGroup(group, settings, book);
    if ('reason' in result) return { unpricedReason: result.reason, sources };
    priced.push({
      ...result,
      weight: group.desiredSize ?? group.minSize ?? 1,
    });
  }
  if (priced.every(p => p.weight === 0)) {
    for (const p of priced) p.weight = 1;
  }

  const ratio = settings.vcpuToGibPriceRatio;
  const units = (p: PricedGroup) => p.vcpu * ratio + p.memoryGib;
  const usd = priced.reduce((sum, p) => sum + p.weight * p.hourUsd, 0);
  const gibHourUsd =
    usd / priced.reduce((sum, p) => sum + p.weight * units(p), 0);
  const vcpuHourUsd = gibHourUsd * ratio;

  const split = `a vCPU priced as ${amount(ratio)} GiB`;
  let formula: string;
  if (priced.length === 1) {
    const [p] = priced;
    formula = `node group ${p.group.name}: ${
      p.text
    }; with ${split}, ${unitPrice(p.hourUsd)} / (${amount(p.vcpu)} × ${amount(
      ratio,
    )} + ${amount(p.memoryGib)}) = ${unitPrice(
      gibHourUsd,
    )}/GiB-h and ${unitPrice(vcpuHourUsd)}/vCPU-h`;
  } else {
    formula = `node groups ${priced
      .map(p => `${p.group.name} (${amount(p.weight)} × ${p.text})`)
      .join(', ')}; with ${split}, (${priced
      .map(p => `${amount(p.weight)} × ${unitPrice(p.hourUsd)}`)
      .join(' + ')}) / (${priced
      .map(
        p =>
          `${amount(p.weight)} × (${amount(p.vcpu)} × ${amount(
            ratio,
          )} + ${amount(p.memoryGib)})`,
      )
      .join(' + ')}) = ${unitPrice(gibHourUsd)}/GiB-h and ${unitPrice(
      vcpuHourUsd,
    )}/vCPU-h`;
  }
  if (left.length) {
    formula += `; ${left
      .map(
        g =>
          `node group ${g.name} left out (taint ${g.taints
            .filter(t => REPELLING_EFFECTS.includes(t.effect))
            .map(t => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`)
            .join(', ')} keeps services off it)`,
      )
      .join('; ')}`;
  }
  return {
    rates: {
      vcpuHourUsd,
      gibHourUsd,
      formula,
      prices: priced.flatMap(p => p.prices),
      sources,
    },
  };
}
