export { ReleaseView } from './ReleaseView';
