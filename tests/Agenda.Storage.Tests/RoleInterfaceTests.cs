namespace Agenda.Storage.Tests;

/// <summary>
/// Storage is described by small role interfaces (eShop's narrow repositories): each says one thing a caller needs,
/// so a caller names only what it uses and a new capability adds a role rather than growing one.
/// </summary>
public sealed class RoleInterfaceTests
{
    private const int MaxMembers = 10;

    [Fact]
    public void No_role_interface_of_storage_has_more_than_ten_members()
    {
        var roles = typeof(IBookingStore).Assembly.GetExportedTypes()
            .Where(t => t.IsInterface && t.Namespace == typeof(IBookingStore).Namespace)
            .ToList();

        var large = roles
            .Select(role => (Role: role.Name, Members: role.GetMethods().Count(m => !m.IsSpecialName) + role.GetProperties().Length))
            .Where(r => r.Members > MaxMembers)
            .Select(r => $"{r.Role} ({r.Members})")
            .ToList();

        Assert.True(roles.Count >= 10, $"Only {roles.Count} role interfaces were found: is the namespace right?");
        Assert.True(large.Count == 0, $"Split these roles: {string.Join(", ", large)}");
    }
}
