using Prefix.Migrate;

// Applies deploy/clickhouse/migrations to one database, each file once, in number order.
// Used by ./prefix up and by the one-shot "migrate" service in docker-compose.yml.
return await MigrateCommand.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
