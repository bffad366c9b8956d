import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  EnvironmentCost,
  RightSizingRule,
} from '@goldenpath/backstage-plugin-cost-common';
import {
  ENVIRONMENTS,
  GITOPS_PATH_ANNOTATION,
} from '@goldenpath/backstage-plugin-gitops-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useRef, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { costApiRef } from '../../api';
import { formatGeneratedAt } from '../../format';
import { EnvironmentCostCard } from '../EnvironmentCostCard';
import { EnvironmentCostChart } from '../EnvironmentCostChart';
import { PricesCard } from '../PricesCard';
import { RIGHT_SIZING_RULES, RightSizingCard } from '../RightSizingCard';

function ruleTitle(rule: RightSizingRule): string {
  return RIGHT_SIZING_RULES.find(entry => entry.rule === rule)?.title ?? rule;
}

function shortRevision(revision: string | undefined): string | undefined {
  return revision && /^[0-9a-f]{40}$/i.test(revision)
    ? revision.slice(0, 7)
    : revision;
}

/**
 * The Cost tab of a service: what it costs per environment and why, what
 * could not be priced, how to right-size it, and the prices behind it all.
 *
 * @public
 */
export function EntityCostContent() {
  const { entity } = useEntity();
  const costApi = useApi(costApiRef);
  // The rule asked for, and a count of choices so that choosing the same
  // rule again after a failure asks again.
  const [{ rule, attempt }, setChoice] = useState<{
    rule: RightSizingRule;
    attempt: number;
  }>({ rule: 'design', attempt: 0 });
  const chooseRule = (next: RightSizingRule) =>
    setChoice(previous => ({ rule: next, attempt: previous.attempt + 1 }));
  const entityRef = stringifyEntityRef(entity);

  // useAsync keeps the previous answer while the next rule loads, so only the
  // suggestions show progress when the reader switches rules.
  const {
    value: answer,
    loading,
    error,
  } = useAsync(
    async () => ({
      entityRef,
      rule,
      cost: await costApi.getEntityCost(getCompoundEntityRef(entity), {
        rule,
      }),
    }),
    [costApi, entityRef, rule, attempt],
  );
  // A failed answer clears useAsync's value: the last answer of this entity
  // stays on the page, its rule selected, with the failure above it.
  const last = useRef<typeof answer>();
  if (answer) last.current = answer;
  const kept = last.current?.entityRef === entityRef ? last.current : undefined;
  const value = (answer ?? kept)?.cost;

  const gitopsPath =
    entity.metadata.annotations?.[GITOPS_PATH_ANNOTATION] ??
    `apps/${entity.metadata.name}`;
  const notDeployed = (backendMessage?: string) => (
    <EmptyState
      missing="content"
      title={`${entity.metadata.name} is not deployed through gitops-config`}
      description={
        <>
          There is nothing to price: gitops-config has no overlays for this
          component. Add {gitopsPath}/base and {gitopsPath}/overlays/dev,
          staging and prod (the "Create component" templates write them), or
          point the {GITOPS_PATH_ANNOTATION} annotation at the folder that holds
          them.
          {backendMessage && ` The cost backend says: ${backendMessage}`}
        </>
      }
    />
  );

  if (error && !value) {
    // The backend answers 404 for a service it cannot find in gitops-config.
    return error instanceof ResponseError && error.statusCode === 404 ? (
      notDeployed(error.body.error.message)
    ) : (
      <ResponseErrorPanel error={error} />
    );
  }
  if (!value) {
    return <Progress />;
  }
  if (value.environments.length === 0) {
    return notDeployed();
  }

  const byEnvironment = new Map<string, EnvironmentCost>(
    value.environments.map(environment => [
      environment.environment,
      environment,
    ]),
  );
  const ordered = ENVIRONMENTS.flatMap(name => {
    const environment = byEnvironment.get(name);
    return environment ? [environment] : [];
  });
  const missing = ENVIRONMENTS.filter(name => !byEnvironment.has(name));
  const revisions = [
    value.revisions?.gitops &&
      `gitops-config ${shortRevision(value.revisions.gitops)}`,
    value.revisions?.infrastructure &&
      `infrastructure ${shortRevision(value.revisions.infrastructure)}`,
  ].filter(Boolean);

  return (
    <Grid container spacing={3} alignItems="stretch">
      <Grid item xs={12}>
        <InfoCard
          title="Monthly cost per environment"
          subheader={`Computed ${formatGeneratedAt(value.generatedAt)}${
            revisions.length > 0 ? ` from ${revisions.join(' and ')}` : ''
          }`}
        >
          <EnvironmentCostChart environments={ordered} />
          {missing.map(name => (
            <Typography key={name} variant="body2" color="textSecondary">
              Not deployed to {name}: add {gitopsPath}/overlays/{name}.
            </Typography>
          ))}
        </InfoCard>
      </Grid>
      {ordered.map(environment => (
        <Grid item xs={12} key={environment.environment}>
          <EnvironmentCostCard cost={environment} />
        </Grid>
      ))}
      <Grid item xs={12}>
        {error && kept && (
          <WarningPanel
            severity="warning"
            title={`Could not load the ${ruleTitle(
              rule,
            )} suggestions; showing those of ${ruleTitle(kept.rule)}`}
            message={error.message}
            defaultExpanded
          />
        )}
        <RightSizingCard
          environments={ordered}
          rule={answer || !kept ? rule : kept.rule}
          onRuleChange={chooseRule}
          loading={loading}
        />
      </Grid>
      <Grid item xs={12}>
        <PricesCard prices={value.prices} />
      </Grid>
    </Grid>
  );
}
