namespace Agenda.Api.Agents;

/// <summary>The MCP server at /mcp (docs/agents.md): stateless Streamable HTTP, so any node answers any call.</summary>
internal static class AgentsRegistration
{
    public static IServiceCollection AddAgents(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<AgentAnswers>();
        services.AddMcpServer(options => options.ServerInfo = new() { Name = "Agenda", Version = typeof(AgentsRegistration).Assembly.GetName().Version?.ToString() ?? "1.0" })
            .WithHttpTransport(transport => transport.Stateless = true)
            .WithTools<AgentTools>();
        return services;
    }

    public static WebApplication MapAgents(this WebApplication app)
    {
        app.UseAgentAccess();
        // Not an HTTP API of its own: MCP clients learn its tools from tools/list (docs/agents.md), not from the OpenAPI document.
        app.MapMcp(AgentAccess.Path).ExcludeFromDescription();
        return app;
    }
}
