using PolicyArchiver;

// The composition root: the one place the program reads the wall clock. Everything else is handed
// this TimeProvider (the CLI's context, the web host's services, the archive), so that tests can
// run the same code on a clock they move themselves.
return await CliApp.RunAsync(args, Console.Out, Console.Error, TimeProvider.System);
