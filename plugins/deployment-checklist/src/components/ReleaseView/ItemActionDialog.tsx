import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import type { ChecklistItem } from '@goldenpath/backstage-plugin-deployment-checklist-common';
import { FormEvent, useState } from 'react';

/** The actions that take a comment before they are sent. */
export type CommentedAction = 'tick' | 'not-applicable';

/**
 * Asks for the comment of a tick (optional) or the reason of "not
 * applicable" (required) before the action is sent.
 */
export function ItemActionDialog(props: {
  item: ChecklistItem;
  action: CommentedAction;
  onCancel: () => void;
  onConfirm: (comment: string | undefined) => void;
}) {
  const { item, action, onCancel, onConfirm } = props;
  const [comment, setComment] = useState('');
  const reasonRequired = action === 'not-applicable';
  const trimmed = comment.trim();
  const canConfirm = !reasonRequired || trimmed.length > 0;
  const titleId = `checklist-${action}-dialog-title`;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (canConfirm) {
      onConfirm(trimmed || undefined);
    }
  };

  return (
    <Dialog open onClose={onCancel} aria-labelledby={titleId} fullWidth>
      <form onSubmit={submit}>
        <DialogTitle id={titleId}>
          {reasonRequired
            ? `Mark “${item.title}” not applicable`
            : `Tick “${item.title}”`}
        </DialogTitle>
        <DialogContent>
          <TextField
            id={`checklist-${action}-comment`}
            fullWidth
            multiline
            minRows={2}
            variant="outlined"
            label={reasonRequired ? 'Reason' : 'Comment (optional)'}
            required={reasonRequired}
            helperText={
              reasonRequired
                ? 'Say why this item does not apply to this release; it is kept in the audit trail.'
                : 'Kept in the audit trail, e.g. a link to the review or the runbook.'
            }
            value={comment}
            onChange={event => setComment(event.target.value)}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={onCancel}>Cancel</Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={!canConfirm}
          >
            {reasonRequired ? 'Mark not applicable' : 'Tick'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
