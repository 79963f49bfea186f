/** `faces_detect`: the caller's threshold and limit, only when sent (the handler fills the model's defaults). */
export type FacesDetectTaskParams = { min_score?: number; max_faces?: number };

/** A keypoint the model places: BlazeFace gives right_eye, left_eye, nose_tip, mouth, right_ear_tragion, left_ear_tragion (the subject's right is the image's left). */
export interface FaceLandmark {
  name: string;
  /** Source pixels (EXIF orientation applied), 1 decimal. */
  x: number;
  y: number;
}

export interface DetectedFace {
  /** Source pixels (EXIF orientation applied), whole pixels; x, y the top-left corner. */
  box: { x: number; y: number; width: number; height: number };
  /** Detection probability 0–1, 4 decimals. */
  score: number;
  landmarks: FaceLandmark[];
}

export interface FacesDetectResult {
  /** Best first. */
  faces: DetectedFace[];
  /** The image's displayed size, the frame of the boxes. */
  width: number;
  height: number;
  /** The manifest model that ran. */
  model: string;
}
