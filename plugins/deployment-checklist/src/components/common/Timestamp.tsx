import { absoluteTime, relativeTime } from './format';

/** A relative time ("5 minutes ago") with the exact time as its tooltip. */
export function Timestamp(props: { iso: string }) {
  return (
    <time dateTime={props.iso} title={absoluteTime(props.iso)}>
      {relativeTime(props.iso)}
    </time>
  );
}
