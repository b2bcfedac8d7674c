/** Worker-thread entry of `runStudy`: solves the instances it is sent, one message each. */
import { parentPort, workerData } from 'node:worker_threads';
import type { StudySpec } from './model.js';
import { runStudyInstance } from './study.js';

const port = parentPort;
if (port === null) throw new Error('study-worker.ts must run in a worker thread');
const { spec } = workerData as { spec: StudySpec };
port.on('message', (instance: number) => port.postMessage({ instance, outcomes: runStudyInstance(spec, instance) }));
