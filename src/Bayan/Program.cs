using Bayan.Cli;

// One executable: with no verb it serves the site; verbs (demo, generate, migrate) do one job and exit.
return await BayanCommandLine.RunAsync(args);
