namespace Agenda.Testing;

/// <summary>Files of the repository, found from the test's output folder upwards.</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "Agenda.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Agenda.slnx above {AppContext.BaseDirectory}.");
    }
}
