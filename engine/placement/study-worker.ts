/** Worker-thread entry of `runStudySlices`: solves the slices it is sent, one message each. */
import { parentPort, workerData } from 'node:worker_threads';
import type { StudySpec } from './model.js';
import { runStudySlice, type SliceReply, type StudySlice } from './study.js';

const port = parentPort;
if (port === null) throw new Error('study-worker.ts must run in a worker thread');
const { spec } = workerData as { spec: StudySpec };
port.on('message', ({ index, slice }: { index: number; slice: StudySlice }) => port.postMessage({ index, outcomes: runStudySlice(spec, slice) } satisfies SliceReply));
