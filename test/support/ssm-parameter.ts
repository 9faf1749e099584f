/**
 * Puts an SSM parameter into moto. There is no SSM client among the dependencies, and moto checks
 * no signatures, so this speaks SSM's JSON protocol directly; the Authorization header only tells
 * moto the service, region and account (by access key id).
 */
export async function putSsmParameter(
  endpoint: string,
  options: {
    readonly region: string;
    readonly accessKeyId: string;
    readonly name: string;
    readonly value: string;
  },
): Promise<void> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'AmazonSSM.PutParameter',
      authorization: `AWS4-HMAC-SHA256 Credential=${options.accessKeyId}/20250101/${options.region}/ssm/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: JSON.stringify({ Name: options.name, Value: options.value, Type: 'String', Overwrite: true }),
  });
  if (!response.ok) {
    throw new Error(
      `SSM PutParameter ${options.name} answered HTTP ${response.status}: ${await response.text()}`,
    );
  }
}
