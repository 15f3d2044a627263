package io.cmrsweep.orchestrator.fit;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * The fabric8 CRUD mock, taught the two things Spark 4.1's Kubernetes submission needs from a real API
 * server: server-side apply of an object that does not exist yet creates it (the CRUD mock answers 404),
 * and a new Pod starts in phase Pending (the mock stores {@code status: null}, on which Spark's pod
 * watcher fails).
 */
final class SparkApiServerDispatcher extends KubernetesCrudDispatcher {

  @Override
  public MockResponse handlePatch(RecordedRequest request) {
    // The body buffer can be read once; keep a copy for the create below.
    String body = request.getUtf8Body();
    MockResponse patched = super.handlePatch(copy(request, request.method(), request.getPath(), body));
    String type = request.getHeader("Content-Type");
    if (patched.code() == 404 && type != null && type.startsWith("application/apply-patch")) {
      String path = request.getPath();
      int query = path.indexOf('?');
      String withoutQuery = query < 0 ? path : path.substring(0, query);
      String collection = withoutQuery.substring(0, withoutQuery.lastIndexOf('/'));
      return handleCreate(copy(request, HttpMethod.POST, collection, body));
    }
    return patched;
  }

  @Override
  public MockResponse handleCreate(RecordedRequest request) {
    String path = request.getPath();
    if (path.contains("/pods") && !path.contains("/pods/")) {
      Pod pod = Serialization.unmarshal(request.getUtf8Body(), Pod.class);
      if (pod.getStatus() == null || pod.getStatus().getPhase() == null) {
        pod.setStatus(new PodStatusBuilder().withPhase("Pending").build());
      }
      return super.handleCreate(copy(request, request.method(), path, Serialization.asJson(pod)));
    }
    return super.handleCreate(request);
  }

  private static RecordedRequest copy(RecordedRequest r, HttpMethod method, String path, String body) {
    return new RecordedRequest(r.getHttpVersion(), method, path, r.getHeaders(), new Buffer().writeUtf8(body));
  }
}
