/**
 * A study over 500 generated 1,664-node topologies: minutes of solver work, for tests and
 * benchmarks that need a solve still running while they talk to the server.
 */
export const SLOW_STUDY = `
topology Big mandala { access 1024 accelerators 30% seed 3 }
placement P { topology Big curve C rounds 10 target 2 s }
study Long {
  placement P
  rounds 1, 5, 10, 15, 20
  target 2 s, 1.6 s, 1.2 s
  objective baseline, min-aifs, balanced aifs 1 spread 1000
  instances 500 accelerators 10% to 60% seed 1
}
`;
