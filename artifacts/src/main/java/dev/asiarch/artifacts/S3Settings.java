package dev.asiarch.artifacts;

/** How to reach the object store. The secret never appears in {@link #toString()}. */
public record S3Settings(String endpoint, String accessKey, String secretKey, String bucket, String region) {

    public S3Settings {
        require(endpoint, "endpoint");
        require(accessKey, "access-key");
        require(secretKey, "secret-key");
        require(bucket, "bucket");
        require(region, "region");
    }

    @Override
    public String toString() {
        return "S3Settings[endpoint=" + endpoint + ", bucket=" + bucket + ", region=" + region + "]";
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("asi-arch.s3." + name + " is not set");
        }
    }
}
