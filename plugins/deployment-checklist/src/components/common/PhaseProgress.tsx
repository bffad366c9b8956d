import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import type { ChecklistPhaseSummary } from '@goldenpath/backstage-plugin-deployment-checklist-common';
import { phaseTitles } from './format';

/** "Pre-deployment 3/6" over a bar that fills as items complete. */
export function PhaseProgress(props: { summary: ChecklistPhaseSummary }) {
  const { phase, total, complete, passed } = props.summary;
  const title = phaseTitles[phase];
  const percent = total === 0 ? 100 : Math.round((complete / total) * 100);
  return (
    <Box minWidth={160} mb={1}>
      <Box display="flex" justifyContent="space-between">
        <Typography variant="caption">{title}</Typography>
        <Typography variant="caption">
          {complete}/{total}
        </Typography>
      </Box>
      <LinearProgress
        variant="determinate"
        value={percent}
        color={passed ? 'primary' : 'secondary'}
        aria-label={`${title}: ${complete} of ${total} complete`}
      />
    </Box>
  );
}
