"""What the workbench knows about Vietnamese, English and Khmer text: segmentation, protected spans."""
