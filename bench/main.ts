// npm run bench -- <name> [args]: runs bench/<name>.ts. Benchmarks print figures; they are not tests.
const [name = 'probe', ...rest] = process.argv.slice(2);
process.argv = [process.argv[0]!, process.argv[1]!, ...rest];
await import(`./${name}.ts`);
