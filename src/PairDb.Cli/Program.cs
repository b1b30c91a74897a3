using PairDb.Cli;

return await CliApp.RunAsync(args, CliEnvironment.FromProcess());
