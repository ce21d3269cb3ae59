const PROBLEM = /^application\/problem\+json/;

interface ProblemResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
}

/** Asserts an RFC 9457 problem response with this status and no internals, and returns its body. */
export function expectProblem(res: ProblemResponse, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(PROBLEM);
  const body = JSON.parse(res.text);
  expect(body).toMatchObject({ type: expect.any(String), title: expect.any(String), status, detail: expect.any(String) });
  expect(res.text).not.toMatch(/at .*\.(js|ts):\d+|stack|SELECT|QueryFailed/);
  return body;
}
