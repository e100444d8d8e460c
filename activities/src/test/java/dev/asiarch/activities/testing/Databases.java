package dev.asiarch.activities.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Fresh, migrated databases for store tests: an in-memory H2, or a new schema on the local PostgreSQL. */
public final class Databases {

    public static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    public static final String POSTGRES_USER = "postgres";

    private Databases() {
    }

    public static DataSource h2() {
        DataSource dataSource = new DriverManagerDataSource(
                "jdbc:h2:mem:store-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        migrate(dataSource);
        return dataSource;
    }

    /** A migrated, empty schema of its own on the local PostgreSQL server. */
    public static DataSource postgres() throws SQLException {
        String schema = "store_test_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, "")) {
            connection.createStatement().execute("create schema " + schema);
        }
        DataSource dataSource = new DriverManagerDataSource(POSTGRES_URL + "?currentSchema=" + schema,
                POSTGRES_USER, "");
        migrate(dataSource);
        return dataSource;
    }

    public static boolean postgresReachable() {
        try (Connection connection = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, "")) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private static void migrate(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }
}
