using PolicyArchiver;

return await CliApp.RunAsync(args, Console.Out, Console.Error);
