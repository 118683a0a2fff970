// Ports of the platform capability (health and the health workflow), implemented in functions/store.

export type Dependency = 'table' | 'bucket' | 'stateMachines';

export interface DependencyStatus {
  status: 'ok' | 'down';
  latencyMs: number;
  /** For the log only: it may name endpoints or ARNs. */
  cause?: string;
}

export interface HealthProbes {
  /** One cheap read per dependency, in parallel, each within a deadline; never throws. */
  checkDependencies(): Promise<Record<Dependency, DependencyStatus>>;
}

export interface Workflows {
  /** Runs the health workflow to its end; its report, or UNAVAILABLE when the run did not succeed. */
  runHealthCheck(input: { requestedAt: string }): Promise<unknown>;
}
