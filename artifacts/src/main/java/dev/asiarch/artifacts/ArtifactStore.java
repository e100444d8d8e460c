package dev.asiarch.artifacts;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Experiment artifacts (source, logs, metrics) in one S3 bucket, over the MinIO client. */
public final class ArtifactStore {

    private final MinioClient client;
    private final String bucket;
    private final String endpoint;

    public ArtifactStore(S3Settings settings) {
        this.client = MinioClient.builder()
                .endpoint(settings.endpoint())
                .credentials(settings.accessKey(), settings.secretKey())
                .region(settings.region())
                .build();
        this.bucket = settings.bucket();
        this.endpoint = settings.endpoint();
    }

    /** Creates the bucket unless it exists. */
    public void ensureBucket() {
        try {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            }
        } catch (Exception e) {
            throw failure("cannot create bucket '" + bucket + "'", e);
        }
    }

    public void put(ArtifactKey key, byte[] content, String contentType) {
        try {
            client.putObject(PutObjectArgs.builder()
                    .bucket(bucket)
                    .object(key.path())
                    .data(content, content.length)
                    .contentType(contentType)
                    .build());
        } catch (Exception e) {
            throw failure("cannot store " + key.path(), e);
        }
    }

    public void putText(ArtifactKey key, String text, String contentType) {
        put(key, text.getBytes(StandardCharsets.UTF_8), contentType + "; charset=utf-8");
    }

    public byte[] get(ArtifactKey key) {
        try (GetObjectResponse response = client.getObject(GetObjectArgs.builder()
                .bucket(bucket).object(key.path()).build())) {
            return response.readAllBytes();
        } catch (Exception e) {
            throw failure("cannot read " + key.path(), e);
        }
    }

    public String getText(ArtifactKey key) {
        return new String(get(key), StandardCharsets.UTF_8);
    }

    public boolean exists(ArtifactKey key) {
        try {
            client.statObject(StatObjectArgs.builder().bucket(bucket).object(key.path()).build());
            return true;
        } catch (ErrorResponseException e) {
            if ("NoSuchKey".equals(e.errorResponse().code())) {
                return false;
            }
            throw failure("cannot look up " + key.path(), e);
        } catch (Exception e) {
            throw failure("cannot look up " + key.path(), e);
        }
    }

    /** Keys under {@code prefix}, recursively, in lexical order. */
    public List<String> list(String prefix) {
        List<String> keys = new ArrayList<>();
        try {
            for (Result<Item> result : client.listObjects(ListObjectsArgs.builder()
                    .bucket(bucket).prefix(prefix).recursive(true).build())) {
                keys.add(result.get().objectName());
            }
        } catch (Exception e) {
            throw failure("cannot list " + prefix, e);
        }
        keys.sort(null);
        return keys;
    }

    private ArtifactStoreException failure(String what, Exception cause) {
        if (cause instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        String detail = cause instanceof IOException ? "unreachable: " + cause.getMessage() : cause.toString();
        return new ArtifactStoreException(what + " in bucket '" + bucket + "' at " + endpoint + " (" + detail + ")",
                cause);
    }
}
