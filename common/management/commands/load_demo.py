"""``manage.py load_demo``: everything the demo needs, on any database, idempotently."""

from django.core.management.base import BaseCommand
from django.urls import reverse
from django.utils import translation

from campaigns.demo import load_demo_campaigns
from certificates.demo import load_demo_certificates
from dossiers.demo import load_demo_dossiers
from organizations.demo import load_demo_organizations
from organizations.services import load_administrative_units
from plans.demo import load_sample_plans
from registrations.demo import load_demo_registrations
from reminders.demo import load_demo_reminders
from security.demo import load_demo_second_factors


class Command(BaseCommand):
    help = (
        "Load Vietnam's units, the sample plans' units and councils, one demo user per role "
        "(their passwords are printed once, at the end) and the sample plans."
    )

    def handle(self, *args, **options) -> None:
        translation.activate("vi")
        result = load_administrative_units()
        self.stdout.write(
            f"Đơn vị hành chính: {result.created} tạo mới, {result.updated} cập nhật, "
            f"{result.unchanged} giữ nguyên."
        )
        accounts = load_demo_organizations()
        codes = load_demo_second_factors()
        for plan in load_sample_plans():
            self.stdout.write(
                f"Kế hoạch: {plan} – {plan.issuing_unit} "
                f"({plan.schedule_tasks.count()} nhiệm vụ, {plan.deadlines.count()} thời hạn)"
            )
        campaigns, clusters = load_demo_campaigns()
        self.stdout.write(
            f"Phong trào thi đua: {len(campaigns)}; cụm thi đua: {len(clusters)} (Sơn Tây 2020)."
        )
        window = load_demo_registrations()
        self.stdout.write(
            f"Đăng ký thi đua: {window.campaign.name} – hạn {window.closes_on:%d/%m/%Y}, "
            f"{window.registrations.count()} đơn vị đã bắt đầu."
        )
        round_ = load_demo_dossiers()
        self.stdout.write(
            f"Đợt xét khen thưởng: {round_.name} – hạn {round_.closes_on:%d/%m/%Y}, "
            f"{round_.dossiers.count()} hồ sơ; công khai tại "
            f"/dossiers/public/{round_.public_token}/"
        )
        certificates = load_demo_certificates()
        decision = certificates.decision
        self.stdout.write(
            f"Quyết định khen thưởng năm 2020: {decision.number} ngày {decision.date:%d/%m/%Y}, "
            f"{len(certificates.urls)} khen thưởng; in giấy khen tại "
            f"{reverse('dossiers:decision_detail', args=[decision.pk])} (quantri); tra cứu mã QR, "
            "ví dụ: "
            f"{certificates.urls[0][1]}"
        )
        self.stdout.write(
            "Báo cáo: tổng hợp năm 2020 tại /reports/summary/, biểu mẫu thống kê 0601–0605 "
            "tại /reports/statutory/ (quantri)."
        )
        reminders = load_demo_reminders()
        self.stdout.write(
            f"Nhắc hạn: {len(reminders.deadlines)} thời hạn minh họa quanh ngày "
            f"{reminders.day:%d/%m/%Y}, {len(reminders.unreachable)} đơn vị chưa nhận được thư "
            "nhắc (chưa có cán bộ có địa chỉ thư); gửi nhắc hạn: "
            "manage.py send_reminders hoặc trang Hộp thư đi."
        )
        self.stdout.write(self.style.SUCCESS("\nTài khoản demo (mật khẩu chỉ in một lần):"))
        for account in accounts:
            self.stdout.write(
                f"  {account.username:<20} {account.password:<14} {account.role} – {account.unit}"
            )
            if account.username in codes:
                self.stdout.write(
                    f"  {'':<20} mã dự phòng (mỗi mã dùng một lần): "
                    + ", ".join(codes[account.username][:3])
                )
        if codes:
            self.stdout.write(
                "Quản trị và thường trực xác thực hai bước: sau mật khẩu, nhập một mã dự "
                "phòng; cài ứng dụng xác thực hoặc tạo mã mới tại /accounts/security/."
            )
