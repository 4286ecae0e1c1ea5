/** The part of autocannon's API that scripts/load.ts uses (the package ships no types). */
declare module "autocannon" {
  interface Request {
    method?: string;
    path: string;
    headers?: Record<string, string>;
    /** Called before each send of this request; what it returns is sent. */
    setupRequest?: (req: Request) => Request;
  }
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    requests?: Request[];
    timeout?: number;
    /** Worker threads that send the requests (connections are divided among them). */
    workers?: number;
    /** With `workers`: the absolute path of a module each thread requires, called per connection. */
    setupClient?: string;
  }
  interface Histogram {
    average: number;
    mean: number;
    p50: number;
    p90: number;
    p99: number;
    max: number;
  }
  interface Result {
    /** total: answers received; sent: requests written, the first of each connection included. */
    requests: Histogram & { total: number; sent: number };
    latency: Histogram & { totalCount: number };
    /** Connection errors and timeouts together. */
    errors: number;
    timeouts: number;
    non2xx: number;
    mismatches: number;
    /** Answers by status code, 2xx included. */
    statusCodeStats: Record<string, { count: number }>;
    "2xx": number;
    duration: number;
  }
  interface Instance extends PromiseLike<Result> {
    on(
      event: "response",
      listener: (client: unknown, statusCode: number, bytes: number, responseTime: number) => void,
    ): Instance;
    stop(): void;
  }
  function autocannon(options: Options): Instance;
  export default autocannon;
}
