/** The error an AMI answer in JSON carries, where pyAMI's dict_object reads it: AMIMessage[0].error[0].$. */
export function amiErrorText(response: { json: () => unknown }): string {
  const answer = response.json() as { AMIMessage: { error?: { $: string }[] }[] };
  return answer.AMIMessage[0]!.error?.map((error) => error.$).join('\n') ?? '';
}
