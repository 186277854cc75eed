using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

// The ceilings that bench/perf/run.sh measures the service against, on the same machine in the same run:
//   serve --port P --body-file F --content-type T   bare Kestrel answering every request 200 with the bytes of F
//   sqlite-commits --db FILE --seconds N             one SQLite writer, WAL, synchronous=FULL, one INSERT per commit
return args switch
{
    ["serve", .. var rest] => await ServeAsync(Options.Read(rest)),
    ["sqlite-commits", .. var rest] => SqliteCommits(Options.Read(rest)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Agenda.Ceiling serve --port P --body-file F --content-type T");
    Console.Error.WriteLine("       Agenda.Ceiling sqlite-commits --db FILE --seconds N");
    return 2;
}

static async Task<int> ServeAsync(Options options)
{
    var body = await File.ReadAllBytesAsync(options.Get("body-file"));
    var contentType = options.Get("content-type");
    var builder = WebApplication.CreateSlimBuilder();
    builder.Logging.ClearProviders();
    builder.WebHost.UseUrls($"http://127.0.0.1:{options.Get("port")}");
    var app = builder.Build();
    // No routing, no middleware: the least a Kestrel app can do to send these bytes.
    app.Run(context =>
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body).AsTask();
    });
    await app.RunAsync();
    return 0;
}

static int SqliteCommits(Options options)
{
    var seconds = double.Parse(options.Get("seconds"), CultureInfo.InvariantCulture);
    // Pooling off: the file is closed (and its WAL checkpointed) when the count is done.
    using var connection = new SqliteConnection($"Data Source={options.Get("db")};Pooling=False");
    connection.Open();
    Execute(connection, "PRAGMA journal_mode = WAL;");
    Execute(connection, "PRAGMA synchronous = FULL;");
    Execute(connection, "CREATE TABLE IF NOT EXISTS commits (id INTEGER PRIMARY KEY, owner TEXT NOT NULL, start_utc INTEGER NOT NULL, invitee TEXT NOT NULL);");

    using var begin = Command(connection, "BEGIN IMMEDIATE;");
    using var insert = Command(connection, "INSERT INTO commits (owner, start_utc, invitee) VALUES ($owner, $start, $invitee);");
    var owner = insert.Parameters.Add("$owner", SqliteType.Text);
    var start = insert.Parameters.Add("$start", SqliteType.Integer);
    var invitee = insert.Parameters.Add("$invitee", SqliteType.Text);
    using var commit = Command(connection, "COMMIT;");

    long commits = 0;
    var clock = Stopwatch.StartNew();
    var until = TimeSpan.FromSeconds(seconds);
    while (clock.Elapsed < until)
    {
        begin.ExecuteNonQuery();
        owner.Value = $"owner-{commits % 8}";
        start.Value = commits * 1800;
        invitee.Value = $"invitee-{commits}";
        insert.ExecuteNonQuery();
        // With synchronous = FULL this returns once the WAL is on disk: one durable commit.
        commit.ExecuteNonQuery();
        commits++;
    }

    var elapsed = clock.Elapsed.TotalSeconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{commits / elapsed:F1} commits/s ({commits} commits in {elapsed:F2} s)"));
    return 0;
}

static void Execute(SqliteConnection connection, string sql)
{
    using var command = Command(connection, sql);
    command.ExecuteNonQuery();
}

static SqliteCommand Command(SqliteConnection connection, string sql)
{
    var command = connection.CreateCommand();
    command.CommandText = sql;
    return command;
}

/// <summary>Options given as <c>--name value</c> pairs.</summary>
internal sealed class Options(Dictionary<string, string> values)
{
    public static Options Read(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        return new Options(values);
    }

    public string Get(string name) =>
        values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required.", name);
}
