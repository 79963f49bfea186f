import { operationRoute } from '../../operations/operation-route';

export const FacesDetectRoute = operationRoute('faces_detect', {
  path: 'api/v1/faces/detect',
  tags: ['Faces'],
  title: 'Detect faces: boxes, landmarks and scores',
  description:
    'A Gradekit extension (not part of the ShotMatch API). Runs the face-detection model of the worker\'s model manifest (built in: MediaPipe BlazeFace, ' +
    'full-range 256×256, Apache-2.0) on ONNX Runtime, on the gpu queue (CUDA when the worker has it, else CPU). The whole image is letterboxed into the model\'s ' +
    'input, so faces smaller than about 4–5 % of the image\'s long side are missed (group photos: crop first). Each face has a box in source pixels ' +
    '(EXIF orientation applied; x, y the top-left corner), a score (probability 0–1) and six landmarks (right_eye, left_eye, nose_tip, mouth, ' +
    'right_ear_tragion, left_ear_tragion — the subject\'s right is the image\'s left), best first. Overlapping detections are merged (MediaPipe\'s weighted ' +
    'overlap removal). BlazeFace is trained on human faces but a frontal animal face (a cat) can score above the threshold. `min_score` defaults to the ' +
    "model's threshold (0.75); `max_faces` to 100.",
  ok: '`{ task_id, result: { faces: [{ box: { x, y, width, height }, score, landmarks: [{ name, x, y }] }], width, height, model }, history_id: null, credits_used, credits_remaining, sandbox }`',
  params: (body) => ({
    ...(body.min_score !== undefined ? { min_score: body.min_score } : {}),
    ...(body.max_faces !== undefined ? { max_faces: body.max_faces } : {}),
  }),
});
